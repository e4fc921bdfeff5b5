"""The MkDocs hook file that mkdocs.yml names: it hands MkDocs the iopkit package's hook.

All of it lives in iopkit.build.mkdocs_hook, so the CLI, the tests and every build share
one code path.
"""

from iopkit.build.mkdocs_hook import (  # noqa: F401  (MkDocs looks these names up)
    on_config,
    on_env,
    on_files,
    on_page_content,
    on_post_build,
    on_post_page,
    on_post_template,
)
