"""Studio sections go through review: the staff-approval workflow is assigned to every existing studio
page, and studio editors lose the direct publish permission (new pages get both from cms.signal_handlers).
Topic editors: union staff may add and publish under an existing topic index (none exists yet at first)."""

from django.db import migrations

WORKFLOW_NAME = "工作室内容审核"
TASK_NAME = "上级工会干部审核"
EDITOR_GROUP_PREFIX = "工作室编辑："


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Task = apps.get_model("cms", "OrganisationStaffApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    StudioPage = apps.get_model("cms", "StudioPage")

    task_type, _ = ContentType.objects.get_or_create(app_label="cms", model="organisationstaffapprovaltask")
    task = Task.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = Task.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    WorkflowTask.objects.get_or_create(workflow=workflow, task_id=task.pk, defaults={"sort_order": 0})
    for page_id in StudioPage.objects.values_list("page_ptr_id", flat=True):
        if not WorkflowPage.objects.filter(page_id=page_id).exists():
            WorkflowPage.objects.create(page_id=page_id, workflow=workflow)
    GroupPagePermission.objects.filter(
        group__name__startswith=EDITOR_GROUP_PREFIX, permission__codename="publish_page"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_topics_and_staff_review_task"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
