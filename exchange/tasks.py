"""Background tasks of the browser's imports, run by ``homeward db_worker`` (inline in tests).

Thin: the work, its progress and its failures are exchange.jobs.import_job_run's. Tasks take ids,
and the language of the person who started them, so the report's messages are in theirs.
"""

from django.tasks import task

from exchange import jobs


@task
def import_validate(job_id: int, actor_id: int, language: str = "") -> dict:
    """Check every row of the job's file against its mapping and the database; write nothing."""
    return jobs.import_job_run(job_id=job_id, actor_id=actor_id, commit=False, language=language)


@task
def import_commit(job_id: int, actor_id: int, language: str = "") -> dict:
    """Import the valid rows of the job's file, in one transaction."""
    return jobs.import_job_run(job_id=job_id, actor_id=actor_id, commit=True, language=language)
