"""/plateau"""

from jnt_fresque.app.views import board

board.render()
