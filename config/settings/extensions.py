"""The portal's extension points: each app contributes its panels, roles, links, breadcrumbs, report
sections, kinds of record, demo seeders, search sources and navigation without governance importing
it (config/settings/base.py imports this)."""
# Start page panels: callables (user, today) -> list of Panel.
DASHBOARD_PANELS = [
    "governance.notifications.dashboard.panels",
    "governance.people.dashboard.delegation_panels",
    "governance.networks.dashboard.panels",
    "governance.meetings.dashboard.panels",
    "governance.news.dashboard.panels",
    "governance.reports.dashboard.panels",
    "governance.records.dashboard.panels",
    "annualplan.dashboard.panels",
    "fees.dashboard.panels",
    "webadmin.dashboard.panels",
]
# Personal appointments with periods, read in one statement per request (governance.authority.appointments):
# callables (user_id) -> values_list queryset of (kind, start, end), kind prefixed with the app's label.
APPOINTMENTS = [
    "governance.records.rules.archivist_appointments",
    "webadmin.rules.role_appointments",
]
# Min sida's "Roles" beyond the memberships of bodies: callables (user, today) -> list of role names.
MY_ROLES = [
    "governance.records.dashboard.roles",
    "webadmin.dashboard.roles",
]
# What the operating plan's page links to in apps above it: callables (user, year) → [(label, url)].
PLAN_LINKS = [
    "fees.links.plan_links",
]
# Where each app's pages sit, for the breadcrumbs: lists of (path prefix, name, URL name).
BREADCRUMB_SECTIONS = [
    "governance.breadcrumbs.SECTIONS",
    "annualplan.breadcrumbs.SECTIONS",
    "fees.breadcrumbs.SECTIONS",
    "webadmin.breadcrumbs.SECTIONS",
]
# Sections of the G7 report, in order: callables (start, end) -> section dict or None
# (governance.reports.services documents the shape). Each app contributes its own.
G7_REPORT_SECTIONS = [
    "annualplan.reports.g7_section",
    "fees.reports.g7_section",
    "governance.reports.services.decisions_section",
    "governance.reports.services.meetings_section",
]
# The kinds of record and how their retention counts (governance/retention.py): each area's list.
RECORD_KINDS = [
    "governance.records.retention.KINDS",
    "governance.meetings.retention.KINDS",
    "governance.documents.retention.KINDS",
    "governance.notifications.retention.KINDS",
    "governance.networks.retention.KINDS",
    "governance.news.retention.KINDS",
]
# Demo data seeders, one per app, run in order by `manage.py seed_demo`.
DEMO_SEEDERS = [  # in the apps' dependency order: the plan reads the web roles, fees reads the plan
    "governance.demo.seed",  # organisations, people, bodies and memberships
    "governance.notifications.demo.seed_preferences",  # the communicator's daily digest
    "governance.meetings.demo.seed_meetings",
    "governance.meetings.demo.seed_planning",  # standing agenda items, a meeting series, the topic backlog
    "governance.networks.demo.seed_networks",  # the network, proposals, the conference, the election
    "webadmin.demo.seed",
    "annualplan.demo.seed",
    "fees.demo.seed",
    "governance.documents.demo.seed_documents",  # the bodies' archives, linked to meetings and decisions
    "governance.news.demo.seed_news",  # the steering group's, a body's and Dalarna's news
    "governance.records.demo.seed_retention",  # the retention schedule, the archivist, this year's culling list
    "governance.reports.demo.seed",  # last: runs the scans over the other apps' demo data
]
# The periodic scans the demo runs once, as beat would today (governance/reports/demo.py): callables
# taking `today`.
DEMO_SCANS = [
    "governance.meetings.reminders.meeting_reminders",
    "governance.meetings.reminders.minutes_overdue",
    "governance.networks.reminders.conference_registration_deadlines",
    "annualplan.tasks.consultation_deadline_reminders_for",
    "webadmin.tasks.quota_at_risk_reminders_for",
    "fees.demo.remind_overdue",
]
# Extra history for benchmarks: `seed_demo --scale N` (N > 1) runs these after DEMO_SEEDERS, so
# the data covers about N years (governance/demo_scale.py documents the sizes).
DEMO_SCALE_SEEDERS = [
    "governance.demo_scale.seed_scale",
    "annualplan.demo_scale.seed_scale",
    "fees.demo_scale.seed_scale",
    "webadmin.demo_scale.seed_scale",
]
# The portal's search (/sok/, governance/search): each app's sources, lists of
# governance.searchable.Source, each narrowed by its area's own visibility rule.
SEARCH_SOURCES = [
    "governance.records.search.SOURCES",
    "governance.meetings.search.SOURCES",
    "governance.documents.search.SOURCES",
    "governance.news.search.SOURCES",
    "governance.networks.search.SOURCES",
    "governance.people.search.SOURCES",
    "governance.bodies.search.SOURCES",
    "annualplan.search.SOURCES",
    "webadmin.search.SOURCES",
]
# Navigation partials, one per app (templates).
NAV_TEMPLATES = [
    "governance/_nav.html",
    "annualplan/_nav.html",
    "fees/_nav.html",
    "webadmin/_nav.html",
]
