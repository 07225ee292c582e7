"""What every feature shares and none owns: text as people type it (`text`), masking of personal
data (`masking`), progress and cancelling of long operations (`progress`), what an operation
changed, as flags the window's pages refresh on (`changes`), the CJK font and the
page frame of printed documents (`pdf`), files written whole or not at all (`files`), and the
data folder's private scratch space (`scratch`)."""
