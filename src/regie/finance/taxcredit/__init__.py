# SPDX-License-Identifier: AGPL-3.0-or-later
"""French production tax credits (crédit d'impôt cinéma, audiovisuel — CGI art. 220
sexies — and international, CGI art. 220 quaterdecies): eligible spend from devis or
actual lines, the credit with a trace citing article and source, and the provisional
approval (agrément provisoire) checklist. Rates and ceilings live in the
``taxcredit-*`` rule packs."""
