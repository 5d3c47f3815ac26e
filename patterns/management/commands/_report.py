"""Shared output of the case-loading commands."""

from django.utils.translation import gettext as _

from patterns.services import UpsertResult

MAX_LISTED_ERRORS = 200


def progress_printer(command):
    def progress(done: int, result: UpsertResult) -> None:
        command.stderr.write(
            _("… %(done)d read: %(created)d new, %(updated)d updated, %(unchanged)d unchanged, %(bad)d bad")
            % {
                "done": done,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "bad": len(result.errors),
            }
        )

    return progress


def print_summary(command, result: UpsertResult) -> None:
    for where, reason in result.errors[:MAX_LISTED_ERRORS]:
        command.stderr.write(
            command.style.WARNING(_("skipped %(where)s: %(reason)s") % {"where": where, "reason": reason})
        )
    if len(result.errors) > MAX_LISTED_ERRORS:
        command.stderr.write(_("… and %(n)d more bad records") % {"n": len(result.errors) - MAX_LISTED_ERRORS})
    command.stdout.write(
        command.style.SUCCESS(
            _("Done: %(created)d new, %(updated)d updated, %(unchanged)d unchanged, %(bad)d skipped as bad.")
            % {
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "bad": len(result.errors),
            }
        )
    )
