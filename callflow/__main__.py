from callflow.launcher import console_main

raise SystemExit(console_main())
