"""`python -m aftersales.cli`."""

from . import main

raise SystemExit(main())
