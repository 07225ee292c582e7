"""The office and its data folder: set-up and opening (`setup.init_office`, `setup.open_office`,
the profile and its code), where things live (`datadir.DataDir`, `database_url`), its key pairs
(`keys`), backups and restore (`backups.make_backup`, `backups.restore`), the integrity check
(`health.check_database`), a first look without SQLAlchemy (`peek`), the demo community
(`demo.fill_demo`), the dashboard's counts (`stats.office_stats`) and the user guide
(`user_guide`)."""
