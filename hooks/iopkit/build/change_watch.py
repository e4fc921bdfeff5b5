"""Hearing a save the moment it lands, for `iopkit serve`.

MkDocs' preview server polls every watched folder twice a second. watchdog's default
observer uses the system's own change notices instead (inotify on Linux, FSEvents on
macOS, ReadDirectoryChangesW on Windows; polling where there are none). On Linux inotify
also reports files being opened and read, and MkDocs rebuilds on any event: a rebuild
reads the curriculum, so it would start the next one, for ever. The observer here hears
only changes: files written, created, deleted or moved.

The notices can run out: on Linux each user may watch so many folders
(fs.inotify.max_user_watches), and editors and other tools share that allowance. Where
the preview's folders cannot all be watched so, it keeps MkDocs' polling (hears_changes).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import watchdog.observers
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers.api import ObservedWatch

CHANGES: list[type[FileSystemEvent]] = [
    FileModifiedEvent, FileClosedEvent, FileCreatedEvent, FileDeletedEvent, FileMovedEvent,
    DirCreatedEvent, DirDeletedEvent, DirMovedEvent]


class ChangeObserver(watchdog.observers.Observer):  # type: ignore[misc,valid-type]
    """The platform's native observer, told to report changes only."""

    def schedule(self, event_handler: FileSystemEventHandler, path: str | Path, *,
                 recursive: bool = False,
                 event_filter: list[type[FileSystemEvent]] | None = None,
                 follow_symlink: bool = False) -> ObservedWatch:
        return super().schedule(event_handler, path, recursive=recursive,
                                event_filter=event_filter or CHANGES,
                                follow_symlink=follow_symlink)


def hears_changes(paths: Iterable[str | Path]) -> bool:
    """Whether the system's change notices can watch all of `paths` (folders with all
    they hold) now: tried on an observer of their own, stopped again at once."""
    probe = ChangeObserver()
    try:
        for path in paths:
            probe.schedule(FileSystemEventHandler(), path, recursive=True)
        probe.start()
    except OSError:  # ENOSPC: no watches left; EMFILE: no notice queues left
        return False
    finally:
        probe.stop()  # whatever it started, when it did not start whole too
        if probe.is_alive():
            probe.join()
    return True
