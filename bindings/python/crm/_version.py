# SPDX-License-Identifier: Apache-2.0
"""The package's release: crm's, as crm.h spells it in CRM_VERSION_MAJOR,
_MINOR and _PATCH. pyproject.toml reads it from here (without importing the
package, which would load libcrm.so); a test holds it to the project's
version, so the two cannot drift apart."""

__version__ = "0.1.0"
