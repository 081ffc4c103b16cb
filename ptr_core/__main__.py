import sys

from ptr_core.cli import main

sys.exit(main())
