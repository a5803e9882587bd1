from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reviews import services
from reviews.errors import ReviewError
from reviews.formats import FORMATS
from reviews.models import Project


def read_file(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise CommandError(f"{path}: is a directory, not a file") from None
    except OSError as exc:
        raise CommandError(f"{path}: cannot be read ({exc.strerror})") from None


class Command(BaseCommand):
    help = "Import a file into a project as a new document; prints the document id last."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the project's slug")
        parser.add_argument("path", help="the translation file")
        parser.add_argument("--source", help="paragraph-aligned source text (text format only)")
        parser.add_argument("--format", default="auto", choices=["auto", *FORMATS])
        parser.add_argument("--title", default="")
        parser.add_argument(
            "--update",
            type=int,
            metavar="DOC_ID",
            help="a new version of that document: keep the work that still applies",
        )

    def handle(self, *args, **opts):
        path = opts["path"]
        project = Project.objects.filter(slug=opts["slug"]).first()
        if project is None:
            raise CommandError(f"{path}: no project {opts['slug']!r} to import into")
        data = read_file(path)
        source = read_file(opts["source"]) if opts["source"] else None
        if opts["update"]:
            self._update(project, path, data, source, opts)
            return
        try:
            document = services.document_import(
                project=project,
                data=data,
                filename=path,
                source_data=source,
                source_filename=opts["source"] or "",
                format_name=opts["format"],
                title=opts["title"],
            )
        except ReviewError as exc:
            raise CommandError(exc.message) from None
        count = document.segments.count()
        self.stdout.write(f"Imported {path} as {document.format}: {count} segments")
        self.stdout.write(str(document.pk))

    def _update(self, project, path, data, source, opts):
        document = project.documents.filter(pk=opts["update"]).first()
        if document is None:
            raise CommandError(f"{path}: no document {opts['update']} in project {project.slug!r}")
        try:
            report = services.document_reimport(
                document=document,
                data=data,
                filename=path,
                source_data=source,
                source_filename=opts["source"] or "",
                format_name=opts["format"],
            )
        except ReviewError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(f"Updated {document.title} from {path}: {report.summary()}")
        for text in report.removed:
            self.stdout.write(f"  removed: {text[:100]}")
        self.stdout.write(str(document.pk))
