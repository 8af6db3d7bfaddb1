# SPDX-License-Identifier: AGPL-3.0-or-later
"""The web face of regie: a FastAPI app over the services (:func:`regie.web.app.create_app`).

Thin by rule: routes read the request, call one ``regie.services`` use case, and render a
page (Jinja2, gettext domain ``web``) or a document of ``regie.documents``. Who may do what
is decided by the services; pages only hide what a role cannot do.
"""
