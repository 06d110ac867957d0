# Experts decide statuettes and special distinctions (issue 13); the role group "expert";
# the audit log's actions award.decide and award.revoke.

import django.db.models.deletion
from django.db import migrations, models


def create_expert_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="expert")


class Migration(migrations.Migration):

    dependencies = [
        ("results", "0019_retention"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.CreateModel(
            name="AwardDecision",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("award", models.CharField(choices=[("statuette", "statuetka"), ("special", "Wyróżnienie Nadzwyczajne")], max_length=20, verbose_name="wyróżnienie")),
                ("decision", models.CharField(choices=[("granted", "przyznana"), ("refused", "nieprzyznana")], max_length=20, verbose_name="decyzja")),
                ("reason", models.TextField(verbose_name="uzasadnienie")),
                ("decided_by", models.CharField(max_length=200, verbose_name="ekspert")),
                ("decided_at", models.DateTimeField(auto_now_add=True, verbose_name="zdecydowano")),
                ("active", models.BooleanField(default=True, verbose_name="obowiązuje")),
                ("ended_at", models.DateTimeField(blank=True, null=True, verbose_name="przestała obowiązywać")),
                ("ended_by", models.CharField(blank=True, max_length=200, verbose_name="kto zakończył")),
                ("end_reason", models.TextField(blank=True, verbose_name="powód zakończenia")),
                ("edition", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="award_decisions", to="results.edition", verbose_name="edycja")),
                ("participant", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="award_decisions", to="results.participant", verbose_name="uczestnik")),
            ],
            options={
                "verbose_name": "decyzja ekspertów",
                "verbose_name_plural": "decyzje ekspertów",
                "ordering": ["edition", "participant", "award", "-decided_at", "-id"],
                "indexes": [models.Index(fields=["edition", "active"], name="results_awa_edition_c2008d_idx")],
            },
        ),
        migrations.RunPython(create_expert_group, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='auditlogentry',
            name='action',
            field=models.CharField(choices=[('user.create', 'utworzenie konta'), ('user.update', 'zmiana konta'), ('juror.assign', 'przydział jurora'), ('edition.create', 'utworzenie edycji'), ('edition.update', 'zmiana edycji'), ('edition.days_off', 'zmiana dni wolnych edycji'), ('participants.import', 'import rejestru uczestników'), ('sweep.retry', 'ponowne badanie'), ('email.resolve_uncertain', 'rozstrzygnięcie niepewnej wysyłki'), ('assessment.save', 'ocena jurora'), ('assessment.import_add', 'ocena jurora z pliku: dodano'), ('assessment.import_change', 'ocena jurora z pliku: zmieniono'), ('incomplete.review', 'ocena wyniku niepewnego axe'), ('override.add', 'korekta wyniku'), ('override.withdraw', 'wycofanie korekty'), ('scores.rescore', 'przeliczenie wyników'), ('login.lockout', 'blokada logowania'), ('certificate.issue', 'wydanie certyfikatu'), ('certificate.revoke', 'unieważnienie certyfikatu'), ('appeal.file', 'złożenie odwołania'), ('appeal.decide', 'rozstrzygnięcie odwołania'), ('ranking.publish', 'publikacja rankingu'), ('award.decide', 'decyzja ekspertów o nagrodzie'), ('award.revoke', 'cofnięcie decyzji ekspertów'), ('email.match_assigned', 'przypisanie odpowiedzi do zapytania'), ('email.match_dismissed', 'odrzucenie odpowiedzi (niezwiązana)'), ('retention.apply', 'usunięcie danych osobowych urzędników (retencja)')], max_length=100, verbose_name='czynność'),
        ),
    ]
