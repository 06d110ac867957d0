import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "auditor.settings")
application = get_wsgi_application()

from auditor.web.security import refuse_development_key  # noqa: E402  (needs settings)

refuse_development_key()
