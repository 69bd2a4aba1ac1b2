"""hallmonitor key status | enter | show | new: the 大厅密钥 on this PC."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from hallmonitor.commands.common import UsageError, context, database
from hallmonitor.services.hall import (
    NEW_KEY_COST,
    KeyState,
    enter_hall_key,
    hall_key_status,
    show_hall_key,
    start_new_hall_key,
)
from hallmonitor.storage.keys import KEY_ENV

#: Printed with a key just made: the one moment it is shown unasked.
WRITE_IT_DOWN = "请抄下并妥善保管（另一台电脑使用本数据库、或在新电脑上恢复备份时需要输入）"


def cmd_key(args: argparse.Namespace) -> int:
    action = args.key_command
    if action == "status":
        db = database(args)
        print(hall_key_status(db).sentence)
        return 0 if hall_key_status(db).state is not KeyState.MISSING else 1
    if action == "enter":
        db = database(args)
        if hall_key_status(db).state is KeyState.READY:
            print("本机已保存这个数据库的大厅密钥，无需再输入。")
            return 0
        enter_hall_key(db, _typed_key())
        print("大厅密钥正确，已保存在本机。")
        return 0
    ctx = context(args)
    if action == "show":
        print(show_hall_key(ctx))
        return 0
    if not args.yes:
        raise UsageError(NEW_KEY_COST + "确认请加 --yes。")
    made = start_new_hall_key(ctx)
    print(f"已启用新的大厅密钥：{made}")
    print(WRITE_IT_DOWN + "。")
    return 0


def _typed_key() -> str:
    given = os.environ.get(KEY_ENV)
    if given:
        return given
    if not sys.stdin.isatty():
        raise UsageError(f"需要大厅密钥：请在终端中运行以便输入，或设置环境变量 {KEY_ENV}。")
    return getpass.getpass("大厅密钥：")
