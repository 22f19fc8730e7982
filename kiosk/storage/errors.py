"""Storage failures the clerk can act on; the message says what to do, nothing saved is lost."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError, SQLAlchemyError


class StorageError(Exception):
    def __init__(self, message: str, *, detail: str = "") -> None:
        super().__init__(message if not detail else f"{message} ({detail})")
        self.message = message
        self.detail = detail  # technical, for logs; never personal data


class NewerDatabase(StorageError):
    pass


class CorruptRecord(StorageError):
    pass


DISK_FULL = ("Ổ đĩa đầy nên không lưu được bước này. Giải phóng dung lượng (hoặc báo quản trị "
             "viên) rồi thử lại; các bước đã lưu trước đó vẫn còn nguyên.")
READ_ONLY = ("Cơ sở dữ liệu đang ở chế độ chỉ đọc nên không lưu được. Kiểm tra quyền ghi của thư "
             "mục dữ liệu hoặc báo quản trị viên; các bước đã lưu trước đó vẫn còn nguyên.")
LOCKED = ("Cơ sở dữ liệu đang bị một chương trình khác khóa. Chờ giây lát rồi thử lại; nếu vẫn "
          "lỗi, đóng các cửa sổ kiosk khác và báo quản trị viên.")
CONFLICT = ("Bước này mâu thuẫn với dữ liệu đã lưu nên chưa được ghi (lỗi chương trình). Mở lại "
            "hồ sơ rồi thử lại; nếu vẫn lỗi hãy báo quản trị viên, ghi lại mã hồ sơ.")
UNAVAILABLE = ("Không kết nối được cơ sở dữ liệu. Kiểm tra mạng hoặc máy chủ của trạm rồi thử "
               "lại; các bước đã lưu trước đó vẫn còn nguyên.")


def translate(error: SQLAlchemyError) -> StorageError:
    """A StorageError with the clerk's message for a database failure."""
    text = str(getattr(error, "orig", error)).lower()
    kind = type(getattr(error, "orig", error)).__name__
    if "disk is full" in text or "disk full" in text or "no space" in text:
        return StorageError(DISK_FULL, detail=kind)
    if "readonly" in text or "read-only" in text or "read only" in text:
        return StorageError(READ_ONLY, detail=kind)
    if "locked" in text or "could not obtain lock" in text:
        return StorageError(LOCKED, detail=kind)
    if isinstance(error, IntegrityError):  # a constraint refused the write: a bug, not the network
        return StorageError(CONFLICT, detail=kind)
    if isinstance(error, OperationalError | InterfaceError):
        return StorageError(UNAVAILABLE, detail=kind)
    return StorageError("Lỗi cơ sở dữ liệu; thử lại, nếu vẫn lỗi hãy báo quản trị viên.",
                        detail=kind)
