from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """A task the broker could not take when it was sent; `outbox_flush` publishes it when the broker is back."""

    task_name = models.CharField(_("task"), max_length=200)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    options = models.JSONField(default=dict)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.task_name} #{self.pk}"
