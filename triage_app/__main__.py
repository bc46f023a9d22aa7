"""Entry point: ``triage-app`` and ``python -m triage_app``."""
from .cli import main

if __name__ == "__main__":
    main()
