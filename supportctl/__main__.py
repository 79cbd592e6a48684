from supportctl.cli import main

raise SystemExit(main())
