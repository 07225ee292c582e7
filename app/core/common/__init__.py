"""What every feature shares and none owns: text as people type it (`text`), masking of personal
data (`masking`), progress and cancelling of long operations (`progress`), the CJK font and atomic
file writing of printed documents (`pdf`), and the data folder's private scratch space (`scratch`)."""
