"""Admin: compose an alert (live audience size, preview), send or cancel it, follow every delivery."""

import json

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from accounts.admin import ConsentEventInline
from accounts.audit import audit_request
from accounts.models import AuditEntry
from alerts import audience as audience_kinds
from alerts.callbacks import templates_approval_mark
from alerts.models import Alert, AlertTemplate, CitizenAlertHistory, Delivery
from alerts.rendering import render_preview
from alerts.selectors import (
    alert_outcome_counts,
    alert_skip_reasons,
    audience_size,
    template_for,
    template_keys,
    templates_missing,
)
from alerts.services import alert_cancel, alert_create, alert_validate
from alerts.tier import whatsapp_report
from fraudsafe.vocabulary import MessageChannel


@admin.register(AlertTemplate)
class AlertTemplateAdmin(admin.ModelAdmin):
    list_display = ("key", "channel", "language", "is_active", "approval", "category", "updated_at")
    list_filter = ("key", "channel", "language", "is_active", "approval", "category")
    search_fields = ("key", "body", "subject", "content_sid")
    readonly_fields = ("placeholders", "preview", "approval_updated_at", "updated_at")
    actions = ["mark_approved", "mark_paused"]
    fields = (
        ("key", "channel", "language", "is_active"),
        "subject",
        "body",
        "placeholders",
        "preview",
        ("content_sid", "content_variables"),
        ("approval", "category"),
        ("approval_note", "approval_updated_at"),
        "updated_at",
    )

    @admin.action(description=_("Mark as approved by Meta"))
    def mark_approved(self, request, queryset):
        count = templates_approval_mark(template_ids=list(queryset.values_list("pk", flat=True)), approval="approved")
        messages.success(request, _("%(count)d templates marked approved.") % {"count": count})

    @admin.action(description=_("Mark as paused by Meta (stops sending them)"))
    def mark_paused(self, request, queryset):
        count = templates_approval_mark(template_ids=list(queryset.values_list("pk", flat=True)), approval="paused")
        messages.success(request, _("%(count)d templates marked paused.") % {"count": count})

    def changelist_view(self, request, extra_context=None):
        missing = templates_missing()
        if missing:
            shown = ", ".join(f"{key} / {channel} / {code}" for key, channel, code in missing[:30])
            more = len(missing) - 30
            messages.warning(
                request,
                _("%(count)d templates are missing; citizens of those languages get the English one: %(list)s")
                % {"count": len(missing), "list": shown + (f" (+{more})" if more > 0 else "")},
            )
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("placeholders"))
    def placeholders(self, obj):
        return (
            "{{ helpline_number }}, {{ portal_url }}, {{ citizen_name }}, {{ district }}, {{ area }}, "
            "{{ peak_hours }}, {{ districts }}, {{ case_count }}, {{ fraud_types }}, {{ campaign_type }}, "
            "{{ amount }} — and any key of the alert's context."
        )

    @admin.display(description=_("preview (sample values)"))
    def preview(self, obj):
        if obj is None or obj.pk is None:
            return _("Save to see a preview.")
        try:
            rendered = render_preview(obj)
        except Exception as exc:  # noqa: BLE001 - a broken template shows its error instead of a 500
            return format_html("<strong>{}</strong> {}", _("Template error:"), exc)
        return format_html(
            "<p><strong>{}</strong></p><pre style='white-space: pre-wrap'>{}</pre>", rendered.subject, rendered.body
        )


class AlertComposeForm(forms.ModelForm):
    audience_type = forms.ChoiceField(
        label=_("audience"),
        choices=[
            ("", "---------"),  # no default: the audience is always chosen
            *audience_kinds.TYPE_CHOICES,
        ],
    )
    audience_district = forms.CharField(label=_("district"), required=False, max_length=50)
    audience_area = forms.CharField(label=_("area"), required=False, max_length=100)
    audience_citizen_ids = forms.CharField(label=_("citizen ids"), required=False, help_text=_("Comma separated."))
    audience_emails = forms.CharField(label=_("emails"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    channel_list = forms.MultipleChoiceField(
        label=_("channels"), choices=MessageChannel.choices, widget=forms.CheckboxSelectMultiple
    )
    template = forms.ChoiceField(label=_("template"), choices=())
    send_at_input = forms.DateTimeField(
        label=_("send at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        help_text=_("Empty: send now. Times are India Standard Time (IST, UTC+5:30)."),
    )
    context_json = forms.CharField(
        label=_("context"),
        required=False,
        initial="{}",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_('Placeholder values, e.g. {"peak_hours": "19:00–21:00"}.'),
    )

    class Meta:
        model = Alert
        fields = ["kind", "critical"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [("", "---------")] + [(key, template_name(key)) for key in template_keys()]

    def audience(self) -> audience_kinds.Audience:
        data = self.cleaned_data
        try:
            ids = [int(x) for x in data["audience_citizen_ids"].replace(" ", "").split(",") if x]
        except ValueError:
            ids = None
        return audience_kinds.from_form(
            data["audience_type"], district=data["audience_district"], area=data["audience_area"], citizen_ids=ids,
            emails=data["audience_emails"].replace(",", " ").split(),
        )  # fmt: skip

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            alert_validate(
                kind=data["kind"],
                audience=self.audience(),
                template_key=data["template"],
                channels=list(data["channel_list"]),
                critical=data.get("critical", False),
                created_by=getattr(self, "user", None),
            )
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages)
        return data

    def clean_context_json(self):
        try:
            value = json.loads(self.cleaned_data["context_json"] or "{}")
        except ValueError:
            raise forms.ValidationError(_("Enter a JSON object."))
        if not isinstance(value, dict):
            raise forms.ValidationError(_("Enter a JSON object."))
        return value


def template_name(key: str) -> str:
    """A template's readable name: its key in words ("fraud_wave" -> "Fraud wave")."""
    return key.replace("_", " ").replace("-", " ").capitalize()


def alert_previews(*, template_key: str, channels: list[str], context: dict, languages=None) -> list[dict]:
    """The message as each language and channel will read it (a missing template falls back to English)."""
    rows = []
    for code, language in settings.LANGUAGES:
        if languages is not None and code not in languages:
            continue
        for channel in channels:
            template = template_for(key=template_key, channel=channel, language=code)
            if template is not None:
                body = render_preview(template, context).body
                rows.append({"language": language, "channel": MessageChannel(channel).label, "body": body})
    return rows


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ("id", "kind", "template_key", "status", "send_at", "district", "outcomes", "created_by",
                    "partner_key")  # fmt: skip
    list_filter = ("kind", "status", "preventive", "critical")
    search_fields = ("template_key", "district", "campaign_ref")
    date_hierarchy = "send_at"
    actions = ["cancel_selected"]
    add_form_template = "admin/alerts/alert/compose_form.html"
    readonly = (
        "kind", "status", "audience", "template_key", "channels", "context", "send_at", "critical", "preventive",
        "campaign_ref", "created_by", "partner_key", "created_at", "started_at", "finished_at", "outcomes",
        "skip_reasons", "whatsapp_rules", "audience_now", "message_preview", "deliveries_link",
    )  # fmt: skip

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = AlertComposeForm
        form = super().get_form(request, obj, **kwargs)
        form.user = request.user
        return form

    def get_fields(self, request, obj=None):
        if obj is None:
            return [
                "kind", "audience_type", "audience_district", "audience_area", "audience_citizen_ids",
                "audience_emails", "channel_list", "template", "send_at_input", "context_json", "critical",
            ]  # fmt: skip
        return self.readonly

    def get_readonly_fields(self, request, obj=None):
        return self.readonly if obj is not None else ()

    def has_delete_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        """Saving a new alert first shows what will go out (each language and channel), to how many, and when;
        only the confirm button (`_confirm`) creates and queues it."""
        if request.method == "POST" and "_confirm" not in request.POST:
            form = self.get_form(request)(request.POST)
            if form.is_valid():
                return self._confirmation(request, form)
        return super().add_view(request, form_url, extra_context)

    def _confirmation(self, request, form):
        data = form.cleaned_data
        channels = list(data["channel_list"])
        context = {
            **self.admin_site.each_context(request),
            "title": _("Check and confirm this alert"),
            "opts": self.model._meta,
            "previews": alert_previews(template_key=data["template"], channels=channels, context=data["context_json"]),
            "audience_size": audience_size(audience=form.audience(), channels=channels),
            "send_at": data.get("send_at_input"),
            "template_name": template_name(data["template"]),
            "posted": [(k, v) for k in request.POST if k != "csrfmiddlewaretoken" for v in request.POST.getlist(k)],
        }
        return TemplateResponse(request, "admin/alerts/alert/confirm_send.html", context)

    def save_model(self, request, obj, form, change):
        if change:
            return
        data = form.cleaned_data
        try:
            alert = alert_create(
                kind=data["kind"],
                audience=form.audience(),
                template_key=data["template"],
                channels=list(data["channel_list"]),
                send_at=data.get("send_at_input"),
                context=data["context_json"],
                critical=data.get("critical", False),
                created_by=request.user,
            )
        except ValidationError as exc:  # validated in the form already; a race (e.g. template removed) lands here
            messages.error(request, "; ".join(exc.messages))
            audit_request(request, action=AuditEntry.Action.ALERT_SEND, outcome=AuditEntry.Outcome.INVALID)
            return
        audit_request(request, action=AuditEntry.Action.ALERT_SEND, objects={"alert": alert.pk})
        obj.pk = alert.pk
        obj.refresh_from_db()

    @admin.display(description=_("outcomes"))
    def outcomes(self, obj):
        counts = alert_outcome_counts(alert=obj)
        return " · ".join(f"{key} {counts[key]}" for key in ("pending", "sent", "delivered", "failed", "skipped"))

    @admin.display(description=_("skip reasons"))
    def skip_reasons(self, obj):
        return ", ".join(f"{k}: {v}" for k, v in alert_skip_reasons(alert=obj).items()) or "-"

    @admin.display(description=_("WhatsApp rules"))
    def whatsapp_rules(self, obj):
        report = whatsapp_report(alert_id=obj.pk)
        lines = [
            _("Messaging limit: %(used)d of %(limit)d unique users in the last 24 hours.") % report,
        ]
        if report["waiting"]:
            lines.append(
                _("%(waiting)d deliveries wait for the next messaging window (from %(next)s).")
                % {"waiting": report["waiting"], "next": date_format(timezone.localtime(report["next"]))}
            )
        lines += report["needs_template"]
        return format_html_join("", "<p>{}</p>", ((line,) for line in lines))

    @admin.display(description=_("audience size now (with consent)"))
    def audience_now(self, obj):
        return audience_size(audience=obj.audience, channels=obj.channels)

    @admin.display(description=_("preview"))
    def message_preview(self, obj):
        rows = [(p["channel"], p["body"]) for p in alert_previews(template_key=obj.template_key, channels=obj.channels,
                                                                   context=obj.context, languages=["en"])]  # fmt: skip
        return format_html_join("", "<p><strong>{}</strong><br>{}</p>", rows)

    @admin.display(description=_("deliveries"))
    def deliveries_link(self, obj):
        url = reverse("admin:alerts_delivery_changelist") + f"?alert__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, _("Every delivery of this alert"))

    @admin.action(description=_("Cancel the selected alerts (unsent deliveries are skipped)"))
    def cancel_selected(self, request, queryset):
        done = 0
        for alert in queryset:
            try:
                alert_cancel(alert=alert, cancelled_by=request.user)
                done += 1
            except ValidationError as exc:
                messages.warning(request, f"#{alert.pk}: {'; '.join(exc.messages)}")
                outcome = AuditEntry.Outcome.CONFLICT
            else:
                outcome = AuditEntry.Outcome.OK
            audit_request(request, action=AuditEntry.Action.ALERT_CANCEL, objects={"alert": alert.pk}, outcome=outcome)
        if done:
            messages.success(request, _("%(n)d alerts cancelled.") % {"n": done})

    def get_urls(self):
        return [
            path("audience-size/", self.admin_site.admin_view(self.audience_size_view), name="alerts_audience_size"),
            *super().get_urls(),
        ]

    def audience_size_view(self, request):
        """Live audience size for the compose form (JSON)."""
        form = AlertComposeForm(request.GET)
        form.is_valid()
        data = form.cleaned_data
        channels = request.GET.getlist("channel_list")
        if not data.get("audience_type") or not channels:  # nothing chosen yet: no size to show, not "everyone"
            return JsonResponse({"size": None})
        try:
            audience = form.audience()
        except forms.ValidationError:
            return JsonResponse({"size": None})
        return JsonResponse({"size": audience_size(audience=audience, channels=channels)})


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ("id", "alert", "channel", "citizen", "status", "skip_reason", "attempts", "sent_at", "delivered_at")
    list_filter = ("status", "channel", "skip_reason")
    search_fields = ("citizen__phone", "citizen__name", "provider_id")
    list_select_related = ("alert", "citizen")
    raw_id_fields = ("alert", "citizen")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CitizenDeliveryInline(admin.TabularInline):
    model = Delivery
    fk_name = "citizen"
    extra = 0
    can_delete = False
    fields = ("created_at", "alert", "channel", "status", "skip_reason", "sent_at", "delivered_at", "error_code")
    readonly_fields = fields
    ordering = ("-created_at",)
    max_num = 0


@admin.register(CitizenAlertHistory)
class CitizenAlertHistoryAdmin(admin.ModelAdmin):
    """Each citizen's consent history and every alert delivery, on one page."""

    list_display = ("__str__", "district", "area", "language")
    search_fields = ("phone", "name", "email")
    fields = ("name", "district", "area", "language", "time_zone")
    readonly_fields = fields
    inlines = [ConsentEventInline, CitizenDeliveryInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
