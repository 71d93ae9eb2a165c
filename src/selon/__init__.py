"""selon: who says what, citing whom, how sure, with which figures."""

from .analyze import Analyzer, analyze, build_analysis
from .errors import SelonError
from .model import SCHEMA_VERSION, Analysis, Article, ChainLink, Claim, Headline, Quantity

__all__ = ["Analysis", "Analyzer", "Article", "ChainLink", "Claim", "Headline", "Quantity",
           "SCHEMA_VERSION", "SelonError", "analyze", "build_analysis"]
__version__ = "0.1.0"
