"""Entry point of the desktop bundle: the ``triage-app`` command (no command opens the window)."""
import multiprocessing
import os

if __name__ == "__main__":
    multiprocessing.freeze_support()  # joblib (scikit-learn, hdbscan) may start worker processes
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for a model hub
    # PyInstaller's matplotlib hook points MPLCONFIGDIR at a fresh temporary folder, so the font
    # cache would be rebuilt at every start (seconds): keep it in the user's cache instead.
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    os.environ["MPLCONFIGDIR"] = os.path.join(cache, "feedback-triage", "matplotlib")
    from triage_app.cli import main

    main()
