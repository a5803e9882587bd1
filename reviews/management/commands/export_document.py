import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reviews import services
from reviews.errors import ReviewError
from reviews.formats import FORMATS
from reviews.management.progress import ProgressBar
from reviews.models import Document


class Command(BaseCommand):
    help = (
        "Export a document; writes to stdout unless -o is given. A big document "
        "(over BACKGROUND_EXPORT_SEGMENTS segments) shows a progress bar on stderr."
    )

    def add_arguments(self, parser):
        parser.add_argument("doc_id", type=int)
        parser.add_argument("--format", choices=list(FORMATS), default=None)
        parser.add_argument("--approved-only", action="store_true")
        parser.add_argument("--include-mt", action="store_true", help="the MT as a note")
        parser.add_argument("-o", "--output", help="file to write")

    def handle(self, *args, **opts):
        document = Document.objects.select_related("project").filter(pk=opts["doc_id"]).first()
        if document is None:
            raise CommandError(f"no document {opts['doc_id']}")
        big = services.export_needs_job(segment_count=document.segments.count())
        bar = ProgressBar(self.stderr) if big else None
        try:
            data = services.document_export(
                document=document,
                format_name=opts["format"],
                approved_only=opts["approved_only"],
                include_mt=opts["include_mt"],
                progress=bar,
            )
            if bar is not None:
                bar(100, "Done")
        except ReviewError as exc:
            raise CommandError(exc.message) from None
        finally:
            if bar is not None:
                bar.close()  # before stdout, which may share the terminal
        if opts["output"]:
            Path(opts["output"]).write_bytes(data)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
