"""`python -m aftersales`."""

from .cli import main

raise SystemExit(main())
