"""/cadrage"""

from jnt_fresque.app.views import scoping

scoping.render()
