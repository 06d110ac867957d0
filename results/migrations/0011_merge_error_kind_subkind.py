# Two migrations numbered 0010 landed on main at the same time; this joins them.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('results', '0010_proberun_error_kind'),
        ('results', '0010_subkind_appeal_deadline'),
    ]

    operations = []
