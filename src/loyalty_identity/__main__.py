"""`python -m loyalty_identity` runs the CLI."""

from loyalty_identity.cli import main

raise SystemExit(main())
