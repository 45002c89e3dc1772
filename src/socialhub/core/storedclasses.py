"""Give stored objects another class, and every reference to them too.

The ZODB keeps an object's class in the object's record and, as a hint, in
every reference to the object from another record: a connection that loads
the other record first makes a ghost of the hinted class
(``ZODB.serialize.ObjectReader.load_persistent``). Setting ``__class__``
rewrites the object's own record only; the references keep naming the former
class. While that class can be imported nothing shows, but for the object
having the former class in some connections; once its package is gone, such
a reference loads a broken object. An uninstalled add-on must therefore leave
neither instances of its classes nor references that name them.

The ZODB has no index of who refers to whom, so :func:`replace_classes` walks
every record reachable from the site, as ``zodbupdate`` does offline, and
rewrites the records that name a replaced class. Only records whose bytes
contain a replaced class's module are parsed.

ZODB writes its pickles with protocol 3, which names a class with the
``GLOBAL`` opcode.
"""

from Acquisition import aq_base
from socialhub.core.content import declare_provides_again
from ZODB.POSException import POSKeyError
from ZODB.serialize import referencesf
from ZODB.utils import get_pickle_metadata
from ZODB.utils import load_current

import io
import logging
import pickletools


logger = logging.getLogger("socialhub.core")


def dotted_name(klass):
    """``"module.Name"`` of a class."""
    return f"{klass.__module__}.{klass.__name__}"


def reachable_records(obj):
    """``(oid, record)`` of every record reachable from the persistent ``obj``.

    ``obj``'s own record comes first; records are read as last committed, so
    objects added in the current transaction are not among them.
    """
    storage = obj._p_jar.db().storage
    seen = set()
    todo = [obj._p_oid]
    while todo:
        oid = todo.pop()
        if oid in seen:
            continue
        seen.add(oid)
        try:
            record, _serial = load_current(storage, oid)
        except POSKeyError:  # not committed yet
            continue
        yield oid, record
        todo.extend(referencesf(record))


def record_class(record):
    """The dotted name of the class a record stores an instance of."""
    return ".".join(get_pickle_metadata(record))


def named_classes(record):
    """The dotted names of the classes the state of a record names.

    They are the classes of the objects the record refers to, as hints, and
    of the objects it holds inline.
    """
    stream = io.BytesIO(record)
    for _opcode in pickletools.genops(stream):  # the class pickle
        pass
    return {
        argument.replace(" ", ".")
        for opcode, argument, _position in pickletools.genops(stream)
        if opcode.name == "GLOBAL"
    }


def replace_classes(site, replacements, converted=()):
    """Give every object stored in ``site`` whose class is replaced its new class.

    ``replacements`` maps former classes to new ones; every reference to a
    converted object is rewritten with its new class. ``converted`` names
    classes of objects the caller has already given another class in this
    transaction (e.g. with :func:`socialhub.core.content.change_class`):
    references naming those classes are rewritten too. The objects must
    keep the attributes they have (the classes are compatible). Returns how
    many objects got their new class.
    """
    replaced = {dotted_name(old): new for old, new in replacements.items()}
    named = set(replaced) | {dotted_name(klass) for klass in converted}
    modules = {name.rsplit(".", 1)[0].encode() for name in named}
    jar = aq_base(site)._p_jar
    instances = []
    referrers = []
    for oid, record in reachable_records(aq_base(site)):
        if not any(module in record for module in modules):
            continue
        if record_class(record) in replaced:
            instances.append(oid)
        if named_classes(record) & named:
            referrers.append((oid, record))

    def convert(obj):
        """Give ``obj`` its new class; False when its class is not replaced."""
        new_class = replacements.get(type(obj))
        if new_class is None:
            return False
        obj._p_activate()
        obj.__class__ = new_class
        declare_provides_again(obj)
        obj._p_changed = True
        return True

    count = 0
    for oid in instances:
        obj = jar.get(oid)
        if convert(obj):
            count += 1
        else:
            # Given another class in this transaction already, or loaded
            # through a reference naming another class: its record is
            # written again with the class it has.
            obj._p_activate()
            declare_provides_again(obj)
            obj._p_changed = True
    for oid, record in referrers:
        # The objects a rewritten record refers to are loaded first, from
        # their own records, so that the references are written with their
        # classes, not with the hints the record holds.
        for target in referencesf(record):
            try:
                count += convert(jar.get(target))
            except POSKeyError:  # a dangling reference: nothing to rewrite
                continue
        referrer = jar.get(oid)
        referrer._p_activate()
        referrer._p_changed = True
    logger.info(
        "Replaced the class of %d objects, rewrote %d records referring to them",
        count,
        len(referrers),
    )
    return count
