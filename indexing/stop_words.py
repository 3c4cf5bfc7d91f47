"""English words the keyword index skips: function words, grouped by the job they do in a sentence.

Why our own list: the short lists in small packages (the ``stopwords`` package's 174 words)
leave grammatical words such as "either", "many", "also" or "however" as search terms, so a
question's phrasing outweighs its subject; the long ones (``stop-words``, 1,300 words) drop
content words this corpus is about ("research", "results", "information", "year"). Only words
that carry grammar rather than subject belong here, so a question about "areas", "systems" or
what a survey "found" keeps those words, and so does "one" (as in "one in five"). Forms are listed as the word pattern ``\\w+`` sees them:
"aren't" reaches the analyser as "aren" and "t".

Changing this list changes every stored term: the analyser's signature carries a digest of it, so
a keyword index written with another list is emptied on open and refilled from Chroma.
"""

from __future__ import annotations

_ARTICLES_AND_DETERMINERS = """
a an the this that these those each every either neither another other others such what whatever
which whichever whose some any no none all both few many much more most less least several enough
own same
"""

_PRONOUNS = """
i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his himself
she her hers herself it its itself they them their theirs themselves who whom
whoever whomever something anything nothing everything someone anyone everyone somebody anybody
everybody nobody
"""

_PREPOSITIONS = """
about above across after against along alongside amid amidst among amongst around as at before
behind below beneath beside besides between beyond by down during except for from in inside into
like of off on onto out outside over per since than through throughout till to toward
towards under underneath unlike until up upon via with within without
"""

_CONJUNCTIONS = """
and but or nor so yet because although though whereas while whilst if unless whether once
whereby wherein whereupon thereby therein hence thus therefore
"""

_AUXILIARIES_AND_MODALS = """
be am is are was were been being have has had having do does did doing done can could may might
must shall should will would ought cannot
aren isn wasn weren haven hasn hadn don doesn didn won wouldn shan shouldn can couldn mustn mightn
needn t s d ll m re ve
"""

_ADVERBS_OF_DEGREE_TIME_AND_PLACE = """
not also too very just only quite rather almost already still even ever never often sometimes
again further furthermore moreover however otherwise instead indeed perhaps then now here there
where when why how wherever whenever anyway anywhere everywhere somewhere nowhere elsewhere
afterwards beforehand meanwhile thereafter else
"""

ENGLISH = frozenset(
    " ".join(
        (_ARTICLES_AND_DETERMINERS, _PRONOUNS, _PREPOSITIONS, _CONJUNCTIONS, _AUXILIARIES_AND_MODALS,
         _ADVERBS_OF_DEGREE_TIME_AND_PLACE)
    ).split()
)
