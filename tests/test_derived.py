"""assistant.derived: first build on the caller's thread, later ones in the background, failures keep the last value."""

import threading

from assistant.derived import Derived


def test_the_previous_value_answers_while_the_next_is_built():
    version, release, builds = [1], threading.Event(), []

    def build():
        builds.append(version[0])
        if len(builds) > 1:
            release.wait(5)  # a slow re-read of the store
        return f"built for {version[0]}"

    value = Derived(build, lambda: version[0], "test value")
    assert value.get() == "built for 1"
    version[0] = 2
    assert value.get() == "built for 1"  # not blocked by the rebuild
    release.set()
    value.wait_until_current(5)
    assert value.get() == "built for 2" and builds == [1, 2]


def test_a_failed_rebuild_keeps_the_last_value():
    version = [1]

    def build():
        if version[0] > 1:
            raise OSError("store unavailable")
        return "first"

    value = Derived(build, lambda: version[0], "test value")
    assert value.get() == "first"
    version[0] = 2
    value.wait_until_current(1)
    assert value.get() == "first"
