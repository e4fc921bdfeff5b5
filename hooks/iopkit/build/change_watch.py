"""Hearing a save the moment it lands, for `iopkit serve`.

MkDocs' preview server polls every watched folder twice a second. watchdog's default
observer uses the system's own change notices instead (inotify on Linux, FSEvents on
macOS, ReadDirectoryChangesW on Windows; polling where there are none). On Linux inotify
also reports files being opened and read, and MkDocs rebuilds on any event: a rebuild
reads the curriculum, so it would start the next one, for ever. The observer here hears
only changes: files written, created, deleted or moved.
"""

from __future__ import annotations

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
