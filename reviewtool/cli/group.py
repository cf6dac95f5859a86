"""The `reviewtool` command group: known errors become one line on stderr and exit 1."""


import click

from reviewtool import __version__
from reviewtool.build_info import version_line
from reviewtool.core.errors import InvalidInput, ReviewError, disk_full
from reviewtool.core.store.leftovers import clean_temp_folders


class ReviewCommands(click.Group):
    """Turns the errors a user can fix into one clear line on stderr and exit code 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except InvalidInput as error:
            for problem in error.problems:
                click.echo(problem, err=True)
            raise click.ClickException(str(error)) from None
        except ReviewError as error:
            raise click.ClickException(str(error)) from None
        except OSError as error:
            full = disk_full(error)
            if full is None:
                raise
            raise click.ClickException(str(full)) from None


@click.group(cls=ReviewCommands, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reviewtool", message=version_line())
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Structured evidence review: import documents, record claims against their quotes,
    merge teammates' review files, measure agreement and report risks and benefits.

    With no command, opens the desktop app.
    """
    clean_temp_folders()  # what a killed run left in the temporary folder
    if ctx.invoked_subcommand is None:
        ctx.invoke(ctx.command.get_command(ctx, "gui"))


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv, prog_name="reviewtool")
