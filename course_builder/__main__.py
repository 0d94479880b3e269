from course_builder.cli import main

raise SystemExit(main())
