"""Who may see what: users and roles (`roles`, `users`), the keyring that unwraps the database key
with a user's password or the recovery key (`keyring`), signing in (`signin`), the
tamper-evident audit trail (`audit`), the households a user sees (`scope`: a grid worker their
grids') and the guard that refuses a viewer's writes at every flush (`guard`, installed by
`signin`, the one place a database gets its signed-in user)."""
