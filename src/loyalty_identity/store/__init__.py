"""The store: Peewee models, database setup, migrations and the unit of work."""
