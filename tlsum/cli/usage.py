"""Usage lines that read as the README writes them: ``tlsum summarize [OPTIONS] SOURCE``.

typer 0.28 prints a required argument as ``{SOURCE}`` in the usage line, a
notation the README, click and POSIX never use, and an option without a
metavar as ``<str>`` or ``<int range>``. The groups here hand out their commands
with the braces removed and such options named after their parameter
(``--name NAME``); everything else is typer's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from typer.core import TyperGroup


class PlainUsageGroup(TyperGroup):
    """A typer group whose commands show required arguments as ``NAME``, not ``{NAME}``."""

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command: Any = super().get_command(ctx, cmd_name)
        if command is not None and not getattr(command, "_plain_usage", False):
            command.collect_usage_pieces = _unbraced(command.collect_usage_pieces)
            for param in command.params:
                if param.param_type_name == "option" and not param.is_flag and not param.metavar:
                    param.metavar = (param.name or "value").upper()
            command._plain_usage = True
        return command


def _unbraced(collect: Callable[[Any], list[str]]) -> Callable[[Any], list[str]]:
    def pieces(ctx: Any) -> list[str]:
        return [p[1:-1] if p.startswith("{") and p.endswith("}") else p for p in collect(ctx)]

    return pieces
