from kiosk.desk.kept import outranks, rank


def replaces(acceptable: bool, score: int, kept: tuple[bool, int] | None) -> bool:
    """Whether a new attempt replaces the kept one, as the desk and the replay decide it."""
    return outranks(rank(acceptable, score), None if kept is None else rank(*kept))


def test_an_acceptable_capture_replaces_a_refused_one_that_scored_higher() -> None:
    # A wrong-hand slap scores 80 but is refused; the right hand at 60 must be kept, or the
    # case could never leave the capture step.
    assert replaces(True, 60, (False, 80))
    assert not replaces(False, 95, (True, 60))


def test_same_acceptability_keeps_the_higher_score_and_the_later_on_a_tie() -> None:
    assert replaces(True, 70, (True, 70))
    assert not replaces(True, 69, (True, 70))
    assert replaces(False, 30, (False, 20))
    assert replaces(False, 0, None)
