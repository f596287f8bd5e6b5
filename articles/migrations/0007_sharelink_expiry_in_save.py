# ShareLink.save() now fills in the expiry, so the field loses its callable default (which tied the
# migrations to the models module). Python-side defaults are not in the database: state only.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0006_search_vector'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='sharelink',
                    name='expires_at',
                    field=models.DateTimeField(blank=True, verbose_name='expires at'),
                ),
            ],
        ),
    ]
