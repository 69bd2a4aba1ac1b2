"""Backups of the hall's database: on request, daily on SQLite with rotation, and restoring one."""

from hallmonitor.services.backups.copies import (
    DEFAULT_KEEP,
    BackupInfo,
    backup_folder,
    daily_backup,
    data_folder,
    inspect_backup,
    list_daily_backups,
    make_backup,
    restore_backup,
)

__all__ = [
    "DEFAULT_KEEP",
    "BackupInfo",
    "backup_folder",
    "daily_backup",
    "data_folder",
    "inspect_backup",
    "list_daily_backups",
    "make_backup",
    "restore_backup",
]
