"""The `homeward` console script: everything `manage.py` does, plus Homeward's own commands."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeward.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["homeward", *sys.argv[1:]])


if __name__ == "__main__":
    main()
