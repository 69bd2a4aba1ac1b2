"""hallmonitor backup / restore."""

from __future__ import annotations

import argparse
from pathlib import Path

from hallmonitor.commands.common import UsageError, database
from hallmonitor.services.backups import inspect_backup, make_backup, restore_backup
from hallmonitor.services.hall import KeyState, hall_key_status


def cmd_backup(args: argparse.Namespace) -> int:
    db = database(args)
    try:
        written = make_backup(db, Path(args.file))
    finally:
        db.close()
    print(f"已将数据库 {db.display_name} 备份到 {written}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    source = Path(args.file)
    db = database(args)
    try:
        if db.is_sqlite:
            info = inspect_backup(source)
            what = f"备份 {source}（大厅：{'、'.join(info.halls) or '无'}）"
        else:
            what = f"备份 {source}"
        if not args.yes:
            raise UsageError(f"恢复会用{what}替换数据库 {db.display_name} 的全部内容；确认请加 --yes。")
        aside = restore_backup(db, source)
    finally:
        db.close()
    print(f"已用{what}恢复数据库 {db.display_name}。")
    if aside is not None:
        print(f"恢复前的数据库已另存为 {aside}")
    if hall_key_status(db).state is KeyState.MISSING:
        print("本机没有这份备份的大厅密钥：请运行 hallmonitor key enter 输入，之后才能登记带证件号码的办件。")
    return 0
