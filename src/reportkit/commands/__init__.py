"""Subcommands of the `reportkit` command: each module has HELP, add_arguments(p) and run(args)."""
