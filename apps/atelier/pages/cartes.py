"""/cartes"""

from jnt_fresque.app.views import cards

cards.render()
