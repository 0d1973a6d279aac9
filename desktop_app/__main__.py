"""`python -m desktop_app` is the `repair-counter` command."""

from desktop_app.cli import main

raise SystemExit(main())
