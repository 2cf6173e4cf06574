from tlsum.cli import main

raise SystemExit(main())
