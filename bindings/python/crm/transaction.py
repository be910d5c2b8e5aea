# SPDX-License-Identifier: Apache-2.0
"""Transactions: engine calls made on one thread, kept together or not at all."""

from __future__ import annotations

import ctypes
import weakref
from types import TracebackType
from typing import Any, Callable, Optional

from . import _native
from .errors import CrmError, InvalidArgument

lib = _native.lib


class Transaction:
    """An open transaction; made by Engine.transaction().

    Engine calls made on the thread that began it, until commit() or
    rollback(), become visible and durable together, or not at all. A
    transaction begun inside another nests: rolling it back undoes only its
    part. As a context manager it commits when the block ends normally and
    rolls back when it raises:

        with engine.transaction():
            engine.create_customer(...)
            engine.log_purchase(...)

    Commit on the thread that began it; roll back from any thread. A
    transaction dropped while open is rolled back when it is collected,
    whichever thread collects it, and one whose thread ends while it is open
    is rolled back then: no later write ever joins it. Closing the engine
    rolls back the transactions still open (their commit raises
    crm.Closed).
    """

    def __init__(self, engine_handle: Any) -> None:
        handle = _native.TransactionP()
        lib.crm_transaction_begin(engine_handle, ctypes.byref(handle))
        self._handle: Optional[Any] = handle
        self._free = weakref.finalize(self, lib.crm_transaction_free, handle)

    @property
    def active(self) -> bool:
        """True until commit() or rollback()."""
        return self._handle is not None

    def commit(self) -> None:
        """Makes the transaction's writes visible and durable. A failed
        commit has rolled back: the transaction is over either way."""
        self._end("commit", lib.crm_transaction_commit)

    def rollback(self) -> None:
        """Undoes the transaction's writes."""
        self._end("rollback", lib.crm_transaction_rollback)

    def _end(self, verb: str, call: Callable[[Any], Any]) -> None:
        if self._handle is None:
            # The handle is freed: the library cannot be asked, so say what it would.
            raise InvalidArgument(f"Transaction.{verb}: the transaction has already ended")
        try:
            call(self._handle)
        except InvalidArgument:
            # Refused without ending it: a commit on another thread, or while
            # a transaction begun inside it is still open.
            raise
        except CrmError:
            self._release()  # a failed commit has rolled back
            raise
        self._release()

    def _release(self) -> None:
        self._handle = None
        self._free()

    def __enter__(self) -> "Transaction":
        return self

    def __exit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        if self._handle is None:  # ended inside the block
            return
        if exc_type is None:
            self.commit()
        else:
            self.rollback()

    def __repr__(self) -> str:
        return f"<crm.Transaction {'active' if self.active else 'ended'}>"
