"""Who may see what: users and roles (`roles`, `users`), the keyring that unwraps the database key
with a user's password or the recovery key (`keyring`), signing in (`signin`), and the
tamper-evident audit trail (`audit`)."""
