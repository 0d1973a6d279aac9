"""The window's own preferences, in one typed place (the shop's settings live in the database)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, QSize


class UiSettings:
    """Declared keys with defaults over QSettings; nothing else touches QSettings."""

    LANGUAGE = "ui/language"
    GEOMETRY = "main_window/geometry"
    STATE = "main_window/state"
    HEADER = "job_list/header"
    RECEIPT_FOLDER = "receipts/folder"
    DIALOG_SIZE = "dialogs/{name}/size"  # per dialog (an action's form: per action)

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store if store is not None else QSettings()

    @property
    def language(self) -> str:
        """ "" means: follow the shop setting, then the system locale."""
        return str(self._store.value(self.LANGUAGE, "", type=str))

    @language.setter
    def language(self, value: str) -> None:
        self._store.setValue(self.LANGUAGE, value)

    def _bytes(self, key: str) -> QByteArray:
        value = self._store.value(key, QByteArray())
        return value if isinstance(value, QByteArray) else QByteArray()

    @property
    def geometry(self) -> QByteArray:
        return self._bytes(self.GEOMETRY)

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._store.setValue(self.GEOMETRY, value)

    @property
    def window_state(self) -> QByteArray:
        return self._bytes(self.STATE)

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._store.setValue(self.STATE, value)

    @property
    def header_state(self) -> QByteArray:
        return self._bytes(self.HEADER)

    @header_state.setter
    def header_state(self, value: QByteArray) -> None:
        self._store.setValue(self.HEADER, value)

    @property
    def receipt_folder(self) -> str:
        return str(self._store.value(self.RECEIPT_FOLDER, "", type=str))

    @receipt_folder.setter
    def receipt_folder(self, value: str) -> None:
        self._store.setValue(self.RECEIPT_FOLDER, value)

    def dialog_size(self, name: str) -> QSize | None:
        """The size the dialog was last closed at; None if never (or not a usable size)."""
        value = self._store.value(self.DIALOG_SIZE.format(name=name))
        if isinstance(value, QSize) and value.width() > 0 and value.height() > 0:
            return value
        return None

    def set_dialog_size(self, name: str, size: QSize) -> None:
        self._store.setValue(self.DIALOG_SIZE.format(name=name), size)

    def sync(self) -> None:
        self._store.sync()
