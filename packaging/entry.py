"""The bundle's executable: the `reviewtool` command line, and with no command the app."""

import multiprocessing

from reviewtool.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a frozen program must say so before anything forks
    main()
