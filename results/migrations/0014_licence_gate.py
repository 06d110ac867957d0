# The licence gate (issue 13): the run keeps the rubric's licence rules, each participant's
# score what its assessment lacks for a licence.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("results", "0013_certificate"),
    ]

    operations = [
        migrations.AddField(
            model_name="scorerun",
            name="licence_rules",
            field=models.JSONField(blank=True, default=dict, verbose_name="warunki licencji"),
        ),
        migrations.AddField(
            model_name="participantscorerecord",
            name="licence_gaps",
            field=models.JSONField(
                default=None, null=True, verbose_name="braki oceny do licencji"
            ),
        ),
    ]
