"""numpy images (OpenCV layout) to Qt pixmaps."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap


def to_pixmap(image: npt.NDArray[np.uint8], width: int, height: int) -> QPixmap:
    data = np.ascontiguousarray(image)
    if data.ndim == 2:
        qimage = QImage(data.data, data.shape[1], data.shape[0], data.strides[0],
                        QImage.Format.Format_Grayscale8)
    else:
        qimage = QImage(data.data, data.shape[1], data.shape[0], data.strides[0],
                        QImage.Format.Format_BGR888)
    # copy(): the QImage borrows numpy's buffer, which may be freed after return.
    return QPixmap.fromImage(qimage.copy()).scaled(
        width, height, Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation)
